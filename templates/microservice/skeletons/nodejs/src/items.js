'use strict';

// The API's resource, an item `{ id, name, description }`: the checks on what
// a client sends to create or replace one (the limits of openapi.yaml).

const NAME_MAX_LENGTH = 200;
const DESCRIPTION_MAX_LENGTH = 2000;

/**
 * The item in a request body, checked.
 *
 * @param {unknown} body the parsed JSON body
 * @returns {{ item: { name: string, description: string } } | { errors: string[] }}
 */
function parseItemInput(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { errors: ['the body must be a JSON object'] };
  }
  const { name, description = '' } = body;
  const errors = [];
  if (typeof name !== 'string' || name.trim() === '') {
    errors.push('name is required: a non-empty string');
  } else if (name.length > NAME_MAX_LENGTH) {
    errors.push(`name is longer than ${NAME_MAX_LENGTH} characters`);
  }
  if (typeof description !== 'string') {
    errors.push('description must be a string');
  } else if (description.length > DESCRIPTION_MAX_LENGTH) {
    errors.push(
      `description is longer than ${DESCRIPTION_MAX_LENGTH} characters`,
    );
  }
  return errors.length > 0 ? { errors } : { item: { name, description } };
}

module.exports = { parseItemInput };
