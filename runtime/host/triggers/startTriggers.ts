import type { FunctionDef } from '../../core/app/functionJson';
import { lookupSetting } from '../../core/app/settings';
import { toPlain } from '../../core/json/jsonNode';
import { readQueuesOptions } from '../../core/queues/queueOptions';
import { timerTimeZone } from '../../core/timers/timeZone';
import type { AppContext } from '../hostContext';
import { invokeQueue, invokeTimer } from '../invocation/triggerInvocations';
import type { QueueBackend } from './queueBackend';
import type { TimerService } from './timerService';

/**
 * Starts the queue listeners and timers of a freshly loaded app. `producers` maps a message to
 * the exchange that enqueued it, so the invocation it causes points back there.
 */
export function startTriggers(
  context: AppContext,
  functions: readonly FunctionDef[],
  services: { readonly queues: QueueBackend; readonly timers: TimerService },
  producers: Map<string, string>,
): void {
  const { queues, timers } = services;
  const config = context.config;
  const queuesSection = config.queues && toPlain(config.queues);
  const { maxDequeueCount } = readQueuesOptions(queuesSection, context.platform.processorCount()).options;
  for (const error of queues.configure(
    functions,
    config.queues && toPlain(config.queues),
    (fn, queue, message) => {
      // A retry says which attempt it is, so a person sees the message come back in the list.
      const attempt =
        message.dequeueCount > 1 ? ` (attempt ${message.dequeueCount} of ${maxDequeueCount})` : '';
      const rec = context.record('queue', `${queue} → ${fn.name}${attempt}`);
      const producer = producers.get(message.id);
      if (producer) rec.causedBy = producer;
      return invokeQueue(context, fn, queue, message, rec).then((ok) => {
        if (ok) producers.delete(message.id);
        return ok;
      });
    },
    context.app.settings,
  )) {
    context.log('warning', 'Host.Startup', `host.json: ${error}`);
  }
  // The zone is read only for an app with timers: the machine's zone loads the time-zone data,
  // tens of milliseconds of a host's start (more in a fresh worker), for nothing otherwise.
  const hasTimers = functions.some((fn) => fn.timer && !fn.disabled);
  timers.configure(functions, hasTimers ? timeZone(context) : 'UTC', (fn, info, reason) =>
    invokeTimer(context, fn, info, reason, {
      record: (retry) =>
        context.record(
          'timer',
          retry === 0 ? `${fn.name} (${reason})` : `${fn.name} (${reason}, retry ${retry})`,
        ),
      wait: (ms) => timers.waits.wait(fn.name, ms),
    }),
  );
}

function timeZone(context: AppContext): string {
  const settings = context.app.settings;
  const configured = lookupSetting(settings, 'WEBSITE_TIME_ZONE') ?? lookupSetting(settings, 'TZ');
  const { zone, warning } = timerTimeZone(configured, context.platform.defaultTimeZone());
  if (warning) context.log('warning', 'Host.Startup', warning);
  return zone;
}
