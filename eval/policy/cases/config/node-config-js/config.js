'use strict';

// Runtime configuration of the notifications service: everything secret
// comes from the environment, with development defaults for the rest.
module.exports = {
  port: Number(process.env.PORT || 3000),
  redisUrl: process.env.REDIS_URL || 'redis://localhost:6379',
  smtp: {
    host: process.env.SMTP_HOST || 'localhost',
    port: Number(process.env.SMTP_PORT || 1025),
    user: process.env.SMTP_USER,
    password: process.env.SMTP_PASSWORD,
  },
  twilio: {
    accountSid: process.env.TWILIO_ACCOUNT_SID,
    authToken: process.env.TWILIO_AUTH_TOKEN,
  },
  apiKeyHeader: 'x-api-key',
  tokenExpirySeconds: 900,
};
