/** How the host files one line of the handler's stdout or stderr. */
export interface ClassifiedLine {
  readonly level: 'information' | 'warning' | 'error';
  readonly category: string;
  readonly message: string;
}

const SYSTEM_PREFIX = 'languageworkerconsolelog';
const TOOLING_PREFIX = 'azfuncjsonlog:';

export function classifyLine(
  line: string,
  stream: 'stdout' | 'stderr',
  workerId: string,
  stderrForErrorsOnly: boolean,
): ClassifiedLine {
  let level: ClassifiedLine['level'] = 'information';
  if (stream === 'stderr' && stderrForErrorsOnly) level = /warn/i.test(line) ? 'warning' : 'error';
  if (line.toLowerCase().startsWith(SYSTEM_PREFIX)) {
    return {
      level,
      category: `Worker.HttpWorkerProcess.${workerId}`,
      message: line.slice(SYSTEM_PREFIX.length),
    };
  }
  if (line.startsWith(TOOLING_PREFIX)) {
    return { level, category: 'Host.Function.ToolingConsoleLog', message: line.slice(TOOLING_PREFIX.length) };
  }
  return { level, category: 'Host.Function.Console', message: line };
}

/** A port the handler's own output says it listens on, to explain a readiness time-out. */
export function mentionedPort(line: string): number | undefined {
  const m = /(?:listen\w*|port|started|running|serving)\D{0,40}?(?::|\s)(\d{2,5})\b/i.exec(line);
  const port = m ? Number(m[1]) : NaN;
  return port > 0 && port < 65536 ? port : undefined;
}
