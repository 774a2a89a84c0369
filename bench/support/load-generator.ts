import autocannon from 'autocannon';

// Child process entry of driveLoad(): the load generator gets its own process so the CPU the
// server under test uses can be measured apart from it.
process.once('message', (options: autocannon.Options) => {
  autocannon(options).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
