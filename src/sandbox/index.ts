// `adminjs-whatsapp/sandbox`: a local stand-in for Meta, for a host's demos and tests. The
// Graph API fake answers sends, media and templates as Meta does and posts signed status
// webhooks back; the simulator builds and posts Meta-shaped, signed deliveries.
export { startSandboxGraphApi, type SandboxGraphApi, type SandboxGraphApiOptions, type SandboxNumber } from './start-sandbox-graph-api.js';
export { SAMPLE_TEMPLATES } from './sample-templates.js';
export {
  SIMULATION_KINDS,
  STATUS_VALUES,
  SAMPLE_ACCOUNT,
  buildDelivery,
  serializeDelivery,
  newWamid,
  type DeliveryOptions,
  type SimulatedStatus,
  type SimulationKind,
  type WebhookDelivery,
} from './simulated-deliveries.js';
export { postDelivery, type PostDeliveryOptions } from './webhook-simulator.js';
export { signBody } from '../domain/webhook-signature.js';
export { startFakeModel, type FakeModel, type FakeModelFault, type FakeModelRequest } from './start-fake-model.js';
