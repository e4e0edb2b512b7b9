import { z } from 'zod';
import { sameResourceId } from './resource-id.js';
import type { AzureChange } from './snapshot-schema.js';

const localizable = z.object({ value: z.string().nullish(), localizedValue: z.string().nullish() }).nullish();

const eventSchema = z.object({
  resourceId: z.string(),
  operationName: localizable,
  status: localizable,
  caller: z.string().nullish(),
  eventTimestamp: z.union([z.string(), z.date()]),
  correlationId: z.string().nullish(),
});

/** Operations that change a resource: writes, deletes and actions other than reads and lists. */
function isChange(operation: string): boolean {
  const last = operation.toLowerCase().split('/').at(-1) ?? '';
  return (
    last === 'write' || last === 'delete' || (last === 'action' && !/\/(list|get|read)[^/]*\/action$/i.test(operation))
  );
}

/** Whether an event's resource is one of the resources or inside one (a rule in the NSG, a NAT rule in the LB). */
function concerns(resourceId: string, resources: readonly string[]): boolean {
  const lower = resourceId.toLowerCase();
  return resources.some((id) => sameResourceId(id, resourceId) || lower.startsWith(`${id.toLowerCase()}/`));
}

/**
 * Reads Activity Log events (`eventtypes/management/values`, items of the REST `value` list or the SDK's
 * objects) into the changes made to the given resources: writes, deletes and actions that finished, one per
 * operation, newest first. Events that do not parse are skipped: the log is evidence, not input to validate.
 */
export function readActivityLog(events: readonly unknown[], resources: readonly string[]): AzureChange[] {
  const seen = new Set<string>();
  const changes: AzureChange[] = [];
  for (const item of events) {
    const parsed = eventSchema.safeParse(item);
    if (!parsed.success) continue;
    const event = parsed.data;
    const operation = event.operationName?.value ?? '';
    if (operation === '' || !isChange(operation) || !concerns(event.resourceId, resources)) continue;
    const status = event.status?.value ?? null;
    // An operation logs Started, Accepted and Succeeded; the outcome is what matters.
    if (status !== null && !/^(succeeded|failed|canceled)$/i.test(status)) continue;
    const at = new Date(event.eventTimestamp);
    if (Number.isNaN(at.getTime())) continue;
    const key = `${event.correlationId ?? at.toISOString()}|${operation.toLowerCase()}|${event.resourceId.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    changes.push({
      resourceId: event.resourceId,
      operation,
      operationName: event.operationName?.localizedValue ?? null,
      status,
      caller: event.caller ?? null,
      at: at.toISOString(),
    });
  }
  return changes.sort((a, b) => b.at.localeCompare(a.at));
}
