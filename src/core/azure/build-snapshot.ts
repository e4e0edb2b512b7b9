import { parseEffectiveNsgList, parseIpFlowVerify } from '../nsg/index.js';
import type { InputError, Result } from '../result.js';
import { forbiddenFromError, readAzureErrorBody } from './azure-error.js';
import { type AzureDocumentKind, classifyAzureDocument, listItems } from './classify-document.js';
import { AZURE_JSON_EXPECTED } from './json-document.js';
import { readLoadBalancer } from './read-load-balancer.js';
import { readNic } from './read-nic.js';
import { readNsg } from './read-nsg.js';
import { readPublicIp } from './read-public-ip.js';
import { readSubnet } from './read-subnet.js';
import { mergeVm, readVm } from './read-vm.js';
import { sameResourceId } from './resource-id.js';
import type { AzureOrigin, AzureProblem, AzureSnapshot } from './snapshot-schema.js';

/** One parsed JSON document and where it came from (`file vm.json`). */
export interface AzureDocument {
  readonly input: string;
  readonly value: unknown;
}

type Mutable = { -readonly [K in keyof AzureSnapshot]: AzureSnapshot[K] };

function describeKeys(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (typeof value !== 'object' || value === null) return `a ${value === null ? 'null' : typeof value}`;
  const keys = Object.keys(value).slice(0, 6);
  return keys.length === 0 ? 'an empty object' : `an object with ${keys.join(', ')}`;
}

/** Adds one result to the snapshot, or its error to the problems; returns whether it was usable. */
function take<T>(result: Result<T, InputError>, problems: AzureProblem[], add: (value: T) => void): boolean {
  if (result.kind === 'err') {
    problems.push({ input: result.error.input, message: result.error.message });
    return false;
  }
  add(result.value);
  return true;
}

function addDocument(snapshot: Mutable, doc: AzureDocument, kind: AzureDocumentKind): boolean {
  const { input, value } = doc;
  const problems = snapshot.problems;
  switch (kind) {
    case 'vm':
    case 'vm-instance-view':
      return take(readVm(value, input, kind === 'vm-instance-view'), problems, (vm) => {
        const current = snapshot.vm;
        if (current === null) snapshot.vm = vm;
        else if (current.id !== null && vm.id !== null && !sameResourceId(current.id, vm.id)) {
          problems.push({
            input,
            message: `${input} describes VM ${vm.name ?? vm.id}, but ${current.input} already describes ${current.name ?? current.id}; only the first VM is used.`,
          });
        } else snapshot.vm = mergeVm(current, vm);
      });
    case 'nic':
      return take(readNic(value, input), problems, (nic) => snapshot.nics.push(nic));
    case 'subnet':
      return take(readSubnet(value, input), problems, (subnet) => snapshot.subnets.push(subnet));
    case 'nsg':
      return take(readNsg(value, input), problems, (nsg) => snapshot.nsgs.push(nsg));
    case 'public-ip':
      return take(readPublicIp(value, input), problems, (ip) => snapshot.publicIps.push(ip));
    case 'load-balancer':
      return take(readLoadBalancer(value, input), problems, (lb) => snapshot.loadBalancers.push(lb));
    case 'effective-nsg':
      return take(parseEffectiveNsgList(value, input), problems, (entries) =>
        snapshot.effectiveNsgs.push({ input, nicId: null, entries }),
      );
    case 'ip-flow-verify':
      return take(parseIpFlowVerify(value, input), problems, (result) =>
        snapshot.ipFlowVerify.push({ input, result, flow: null }),
      );
    case 'azure-error': {
      const error = readAzureErrorBody(value);
      if (error === null) return false;
      const forbidden = forbiddenFromError(error, input);
      if (forbidden !== null) snapshot.forbidden.push(forbidden);
      problems.push({
        input,
        message: `${input} holds an Azure error response (${error.code}${error.message === '' ? '' : `: ${error.message}`}), not resource data; expected ${AZURE_JSON_EXPECTED}.`,
      });
      return false;
    }
    case 'list': {
      const items = listItems(value);
      let used = false;
      for (const [index, item] of items.entries()) {
        const itemDoc = { input: `${input} [${index}]`, value: item };
        const itemKind = classifyAzureDocument(item);
        used = addDocument(snapshot, itemDoc, itemKind === 'list' ? 'unknown' : itemKind) || used;
      }
      if (items.length === 0)
        problems.push({ input, message: `${input} is an empty list; expected ${AZURE_JSON_EXPECTED}.` });
      return used;
    }
    case 'unknown':
      problems.push({
        input,
        message: `${input} is not a recognised Azure resource (it holds ${describeKeys(value)}); expected ${AZURE_JSON_EXPECTED}.`,
      });
      return false;
  }
}

/** An empty snapshot for an origin, to which documents or a collector add. */
export function emptyAzureSnapshot(origin: AzureOrigin): AzureSnapshot {
  return {
    origin,
    vm: null,
    nics: [],
    subnets: [],
    publicIps: [],
    nsgs: [],
    loadBalancers: [],
    effectiveNsgs: [],
    ipFlowVerify: [],
    forbidden: [],
    problems: [],
  };
}

/** A snapshot and how many documents it could use (0: nothing usable, every input is a problem). */
export interface BuiltSnapshot {
  readonly snapshot: AzureSnapshot;
  readonly usedDocuments: number;
}

/**
 * Builds a snapshot from parsed JSON documents, each recognised by its content. Documents that cannot be
 * used become `problems` (one sentence naming the input and what was expected); `earlier` carries problems
 * found before parsing (unreadable files, bad JSON). A live collector can feed its ARM responses here too.
 */
export function buildAzureSnapshot(
  documents: readonly AzureDocument[],
  origin: AzureOrigin,
  earlier: readonly AzureProblem[] = [],
): BuiltSnapshot {
  const snapshot: Mutable = { ...emptyAzureSnapshot(origin), problems: [...earlier] };
  let usedDocuments = 0;
  for (const doc of documents) {
    if (addDocument(snapshot, doc, classifyAzureDocument(doc.value))) usedDocuments += 1;
  }
  return { snapshot, usedDocuments };
}
