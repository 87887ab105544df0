/** Trigger types this host runs. */
export const SIMULATED_TRIGGERS = ['httptrigger', 'queuetrigger', 'timertrigger'] as const;

/**
 * Binding types of extension bundle v4 that the real host would load. A function using one of
 * them as a trigger cannot run here; as an output its values are captured and shown.
 */
export const BUNDLE_BINDING_TYPES = new Set([
  'httptrigger',
  'http',
  'queuetrigger',
  'queue',
  'timertrigger',
  'blobtrigger',
  'blob',
  'table',
  'eventhubtrigger',
  'eventhub',
  'servicebustrigger',
  'servicebus',
  'cosmosdbtrigger',
  'cosmosdb',
  'eventgridtrigger',
  'eventgrid',
  'signalrtrigger',
  'signalr',
  'signalrconnectioninfo',
  'sendgrid',
  'twiliosms',
  'kafkatrigger',
  'kafka',
  'rabbitmqtrigger',
  'rabbitmq',
  'sqltrigger',
  'sql',
  'mysqltrigger',
  'mysql',
  'webpubsubtrigger',
  'webpubsub',
  'webpubsubconnection',
  'orchestrationtrigger',
  'activitytrigger',
  'entitytrigger',
  'durableclient',
  'mcptooltrigger',
  'daprservicebindingtrigger',
  'daprbindingtrigger',
  'daprtopictrigger',
  'daprstate',
  'daprinvoke',
  'daprpublish',
  'daprbinding',
  'daprsecret',
]);

export const HTTP_METHODS = ['GET', 'POST', 'DELETE', 'HEAD', 'PATCH', 'PUT', 'OPTIONS'] as const;
export const AUTH_LEVELS = ['anonymous', 'user', 'function', 'system', 'admin'] as const;
export type AuthLevel = (typeof AUTH_LEVELS)[number];

export function isTriggerType(typeLower: string): boolean {
  return typeLower.endsWith('trigger');
}
