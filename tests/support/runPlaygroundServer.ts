// Runs the local engine server as a process of its own, for tests that kill it: the options come
// as one JSON argument, and the server's port and token go to stdout as one JSON line.
import { startPlaygroundServer } from '../../runtime/node/playgroundServer/server';

const options = JSON.parse(process.argv[2]!) as { distDir: string; hostBundle: string; tempDir: string };
const server = await startPlaygroundServer({ ...options, port: 0 });
process.stdout.write(`${JSON.stringify({ port: server.port, token: server.token })}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
