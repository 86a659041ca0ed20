import { JsonValue } from '@backstage/types';
import { Portal, waitFor } from './startPortal';

export const MICROSERVICE_TEMPLATE = 'template:default/microservice';

/** One call to the portal's REST API as a signed-in user; the body parsed. */
export async function callPortal(
  portal: Portal,
  token: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${portal.baseUrl}/api${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Waits until the catalog has the microservice template and the example owner. */
export async function waitForMicroserviceTemplate(
  portal: Portal,
  token: string,
): Promise<void> {
  await waitFor(
    'the template and the example groups in the catalog',
    async () => {
      const [template, group] = await Promise.all([
        callPortal(
          portal,
          token,
          'GET',
          '/catalog/entities/by-name/template/default/microservice',
        ),
        callPortal(
          portal,
          token,
          'GET',
          '/catalog/entities/by-name/group/default/payments-team',
        ),
      ]);
      return template.status === 200 && group.status === 200 ? true : undefined;
    },
    120_000,
  );
}

/** Submits a run of the microservice template, as the form does; its task id. */
export async function submitMicroservice(
  portal: Portal,
  token: string,
  values: Record<string, JsonValue>,
): Promise<string> {
  const created = await callPortal(
    portal,
    token,
    'POST',
    '/scaffolder/v2/tasks',
    {
      templateRef: MICROSERVICE_TEMPLATE,
      values,
    },
  );
  if (created.status !== 201) {
    throw new Error(
      `creating the task failed: ${created.status} ${JSON.stringify(
        created.body,
      )}`,
    );
  }
  return created.body.id;
}

/** The log events of a template run (the scaffolder's task). */
export async function runEvents(
  portal: Portal,
  token: string,
  taskId: string,
): Promise<
  Array<{
    type: string;
    body: { message?: string; stepId?: string; status?: string };
  }>
> {
  const { body } = await callPortal(
    portal,
    token,
    'GET',
    `/scaffolder/v2/tasks/${taskId}/events`,
  );
  return Array.isArray(body) ? body : [];
}

/** Waits until a template run ends; its final status. */
export async function waitForRunEnd(
  portal: Portal,
  token: string,
  taskId: string,
  timeoutMs = 180_000,
): Promise<string> {
  return waitFor(
    `template run ${taskId} to end`,
    async () => {
      const { body } = await callPortal(
        portal,
        token,
        'GET',
        `/scaffolder/v2/tasks/${taskId}`,
      );
      return ['completed', 'failed', 'cancelled'].includes(body.status)
        ? (body.status as string)
        : undefined;
    },
    timeoutMs,
  );
}
