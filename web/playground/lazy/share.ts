/**
 * Everything the page uses from web/share, in one chunk that is loaded on demand (it pulls in
 * fflate): when the address has a hash, when Share or Embed opens, when a share file is opened.
 */
export {
  checkShareable,
  encodeShareFragment,
  shareLinkStatus,
  SHARE_LINK_WARN_LENGTH,
} from '../../share/codec';
export { readSharedStateFile, sharedStateFile, SHARE_FILE_EXTENSION } from '../../share/shareFile';
export { readShareRequest, shareUrl } from '../../share/location';
