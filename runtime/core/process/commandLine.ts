import { sanitize } from '../logging/sanitizer';
import { combinePath, isPathRooted } from './dotnetPath';
import type { EnvironmentBlock } from './expandEnvironmentVariables';
import { expandEnvironmentVariables } from './expandEnvironmentVariables';
import type { InjectedVariables } from './handlerEnvironment';
import { INJECTED_VARIABLE_ORDER } from './handlerEnvironment';
import { parseArgumentsIntoList } from './parseArguments';

export type { EnvironmentBlock } from './expandEnvironmentVariables';
export { expandEnvironmentVariables } from './expandEnvironmentVariables';
export { parseArgumentsIntoList } from './parseArguments';
export { combinePath, isPathRooted } from './dotnetPath';
export type { CoreToolsSettings, InjectedVariables, LocalSettingsValues } from './handlerEnvironment';
export {
  buildHandlerEnvironment,
  buildHostEnvironment,
  injectedVariables,
  INJECTED_VARIABLE_ORDER,
} from './handlerEnvironment';

/** The `customHandler.description` fields that shape the process. */
export interface HandlerDescription {
  readonly defaultExecutablePath: string;
  readonly defaultWorkerPath?: string;
  readonly arguments?: readonly string[];
  readonly workerArguments?: readonly string[];
  readonly workingDirectory?: string;
  readonly workerDirectory?: string;
}

export interface HandlerCommandInput extends HandlerDescription {
  /** Absolute POSIX path of the function app root (the host's RootScriptPath). */
  readonly appRoot: string;
  /** The host's own environment; the injected variables are not in it. */
  readonly env: EnvironmentBlock;
  readonly injected: InjectedVariables;
  /** `File.Exists`: true for an existing file, false for a directory or nothing. */
  readonly fileExists: (path: string) => boolean;
}

export interface HandlerCommand {
  /** Executable to spawn; a bare name like `node` is left for the PATH search. */
  readonly file: string;
  readonly args: string[];
  /** `ProcessStartInfo.Arguments` as the host builds it, with its leading space. */
  readonly arguments: string;
  /** Readable form: the executable followed by the argument string. */
  readonly commandLine: string;
  readonly cwd: string;
}

/** The host's `ValidationException`; startup fails with it. */
export class WorkerDescriptionValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerDescriptionValidationError';
  }
}

/**
 * Follows `HttpWorkerDescription.ApplyDefaultsAndValidate`, `HttpWorkerOptionsSetup` and
 * `DefaultWorkerProcessFactory.CreateWorkerProcess`, then splits the argument string the way
 * `Process.Start` does on Unix.
 */
export function buildHandlerCommand(input: HandlerCommandInput): HandlerCommand {
  const workerDirectory = resolveDirectory(input.appRoot, input.workerDirectory);
  const executable = resolveExecutable(
    expandEnvironmentVariables(input.defaultExecutablePath, input.env),
    workerDirectory,
    input.fileExists,
  );
  const workerPath =
    input.defaultWorkerPath === undefined
      ? undefined
      : expandEnvironmentVariables(input.defaultWorkerPath, input.env);
  const cwd = resolveDirectory(input.appRoot, input.workingDirectory);

  let file = executable;
  let argumentString = joinArguments(input, workerPath);
  for (const name of INJECTED_VARIABLE_ORDER) {
    file = replaceAll(file, `%${name}%`, input.injected[name]);
    argumentString = replaceAll(argumentString, `%${name}%`, input.injected[name]);
  }
  // Only the arguments are cleaned; an unknown `%X%` in the executable stays.
  argumentString = deleteUnsetVariables(argumentString);

  return {
    file,
    args: parseArgumentsIntoList(argumentString),
    arguments: argumentString,
    commandLine: file + argumentString,
    cwd,
  };
}

/** The host's Debug line, printed just before the process starts. */
export function formatStartingWorkerMessage(command: HandlerCommand): string {
  // WorkerProcess logs the arguments through the Sanitizer, so credentials show as [Hidden Credential].
  return `Starting worker process with FileName:${command.file} WorkingDirectory:${command.cwd} Arguments:${sanitize(command.arguments)}`;
}

/**
 * `SanitizeExpandedArgument`: the matches are collected first, then each is removed everywhere
 * with a literal replace. That can differ from a plain regex replace: in `%a%a%%a%` the first
 * match `%a%` also removes the `%a%` inside the second match `%%a%`, leaving `a%`, not `a`.
 * .NET's `.` excludes only `\n`, so `[^\n]` stands in for JavaScript's narrower `.`.
 */
export function deleteUnsetVariables(text: string): string {
  let result = text;
  for (const match of text.match(/%[^\n]+?%/g) ?? []) result = replaceAll(result, match, '');
  return result;
}

function resolveDirectory(appRoot: string, directory: string | undefined): string {
  if (directory === undefined || directory === '') return appRoot;
  return isPathRooted(directory) ? directory : combinePath(appRoot, directory);
}

function resolveExecutable(
  executable: string,
  workerDirectory: string,
  fileExists: (path: string) => boolean,
): string {
  if (executable !== '' && !isPathRooted(executable)) {
    const candidate = combinePath(workerDirectory, executable);
    // A missing file means "a runtime on PATH", so the bare name is kept.
    if (fileExists(candidate)) return candidate;
  }
  if (executable === '') {
    throw new WorkerDescriptionValidationError('WorkerDescription DefaultExecutablePath cannot be empty');
  }
  return executable;
}

function joinArguments(input: HandlerCommandInput, workerPath: string | undefined): string {
  let result = '';
  for (const argument of input.arguments ?? [])
    result += ` ${expandEnvironmentVariables(argument, input.env)}`;
  // Quoted but not escaped: a `"` or trailing `\` in the path changes how it splits.
  if (workerPath !== undefined && workerPath !== '') result += ` "${workerPath}"`;
  for (const argument of input.workerArguments ?? []) {
    result += ` ${expandEnvironmentVariables(argument, input.env)}`;
  }
  return result;
}

// A literal replace; String.prototype.replaceAll would read `$&` and friends in the value.
function replaceAll(text: string, search: string, replacement: string): string {
  return text.split(search).join(replacement);
}
