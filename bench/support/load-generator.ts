import autocannon from 'autocannon';
import { signBody } from '../../src/domain/webhook-signature.js';
import { trafficStream, type KnownCustomer, type TrafficMix } from './traffic-mix.js';

export interface LoadGeneratorReport {
  result: autocannon.Result;
  /** CPU seconds this process spent generating the load. */
  cpuSeconds: number;
}

/** Deliveries built here, each distinct and signed, instead of one body repeated. */
export interface GeneratedTraffic {
  mix: TrafficMix;
  known: KnownCustomer[];
  appSecret: string;
}

export type LoadGeneratorOptions = autocannon.Options & { traffic?: GeneratedTraffic };

// Child process entry of driveLoad(): the load generator gets its own process so the CPU the
// server under test uses can be measured apart from it.
process.once('message', ({ traffic, ...options }: LoadGeneratorOptions) => {
  const before = process.cpuUsage();
  if (traffic) {
    const next = trafficStream(traffic.mix, traffic.known);
    options.requests = [
      {
        setupRequest: (request) => {
          const body = next();
          return { ...request, body, headers: { ...request.headers, 'x-hub-signature-256': signBody(body, traffic.appSecret) } };
        },
      },
    ];
  }
  autocannon(options).then(
    (result) => {
      const cpu = process.cpuUsage(before);
      const report: LoadGeneratorReport = { result, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
      process.send?.(report, () => process.exit(0));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
