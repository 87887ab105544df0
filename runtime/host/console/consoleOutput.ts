import { formatDiagnostic } from '../../core/app/diagnostics';
import type { HostEvent } from '../../core/control/protocol';

const colors = {
  yellow: (s: string) => `\u001b[33m${s}\u001b[0m`,
  green: (s: string) => `\u001b[32m${s}\u001b[0m`,
  red: (s: string) => `\u001b[31m${s}\u001b[0m`,
  gray: (s: string) => `\u001b[90m${s}\u001b[0m`,
  plain: (s: string) => s,
};

/** Prints events the way `func start` does: the Functions banner, then timestamped log lines. */
export function consolePrinter(write: (text: string) => void, useColor: boolean, verbose: boolean) {
  const c = useColor
    ? colors
    : {
        yellow: colors.plain,
        green: colors.plain,
        red: colors.plain,
        gray: colors.plain,
        plain: colors.plain,
      };
  return (event: HostEvent): void => {
    switch (event.type) {
      case 'functions': {
        const lines = ['', 'Functions:', ''];
        for (const fn of event.functions) {
          const detail = fn.url ? `[${(fn.methods ?? []).join(',')}] ${c.green(fn.url)}` : fn.trigger;
          lines.push(`\t${c.yellow(`${fn.name}:`)} ${detail}${fn.disabled ? ' (disabled)' : ''}`);
        }
        const broken = event.diagnostics.filter((d) => d.severity === 'error');
        if (broken.length) {
          lines.push('');
          for (const d of broken) lines.push(c.red(`\t${formatDiagnostic(d)}`));
        }
        lines.push('');
        write(lines.join('\n') + '\n');
        return;
      }
      case 'log': {
        // host.json logging.logLevel decides (Debug and Trace are off unless it asks); --verbose shows all.
        if (event.hidden && !verbose) return;
        const color =
          event.level === 'error' || event.level === 'critical'
            ? c.red
            : event.level === 'warning'
              ? c.yellow
              : event.level === 'debug' || event.level === 'trace'
                ? c.gray
                : c.plain;
        // Core Tools prints each line of a message (an exception's included) with the time.
        const stamp = c.gray(`[${event.time}]`);
        write(
          event.message
            .split('\n')
            .map((line) => `${stamp} ${color(line)}\n`)
            .join(''),
        );
        return;
      }
      case 'host.status':
        if (event.state === 'Error' && event.errors.length) write(c.red(`Host state: Error\n`));
        return;
      default:
        return;
    }
  };
}
