'use strict';

// The ${{ values.name }} service: `npm start` (PORT, default ${{ values.port }}).

const { createApp } = require('./app');
const { storeFromEnv } = require('./store');

const SERVICE = '${{ values.name }}';

async function main() {
  const store = storeFromEnv(process.env);
  // Prepared at start-up: a service that cannot reach its storage fails to
  // start (and Kubernetes sees it) instead of failing every request.
  await store.init();

  const port = Number(process.env.PORT || '${{ values.port }}');
  const server = createApp({ store }).listen(port, () => {
    console.log(`${SERVICE} listening on port ${port}`);
  });

  // Kubernetes stops a pod with SIGTERM: finish the requests under way, then
  // close the storage's connections.
  const stop = () => {
    server.close(() => {
      store.close().finally(() => process.exit(0));
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch(error => {
  console.error(`${SERVICE} could not start: ${error.message}`);
  process.exit(1);
});
