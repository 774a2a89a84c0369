import autocannon from 'autocannon';

export interface LoadGeneratorReport {
  result: autocannon.Result;
  /** CPU seconds this process spent generating the load. */
  cpuSeconds: number;
}

// Child process entry of driveLoad(): the load generator gets its own process so the CPU the
// server under test uses can be measured apart from it.
process.once('message', (options: autocannon.Options) => {
  const before = process.cpuUsage();
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
