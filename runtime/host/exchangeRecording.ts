import type { HostEvent } from '../core/control/protocol';
import type { ExchangeLog } from '../core/exchange/exchangeLog';
import type { RecorderClock, RecorderOptions } from '../core/exchange/exchangeRecorder';
import { EXCHANGE_BODY_LIMIT } from './constants';

/**
 * What every exchange recorder of a host shares: the clock, the body limit, and publishing into
 * the host's log and events. Made once per host, not per request.
 */
export function exchangeRecording(
  clock: RecorderClock,
  exchanges: ExchangeLog,
  emit: (event: HostEvent) => void,
): RecorderOptions {
  return {
    clock,
    bodyLimit: EXCHANGE_BODY_LIMIT,
    publish: (exchange) => {
      exchanges.put(exchange);
      emit({ type: 'exchange', exchange });
    },
  };
}
