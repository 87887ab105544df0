/**
 * Everything the page uses from web/transfer (zip export and import), in one chunk loaded on
 * demand: it pulls in fflate.
 */
export { exportAppZip, zipFileName } from '../../transfer/exportZip';
export { downloadBlob } from '../../transfer/downloadBlob';
export { importDrop, importPickedFiles } from '../../transfer/pickers';
export type { ImportResult } from '../../transfer/importApp';
