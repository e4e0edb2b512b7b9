import type {
  RdpNegotiateEvidence,
  RdpNtlmEvidence,
  RdpProtocolsEvidence,
  RdpTlsEvidence,
  UdpRdpEvidence,
} from '../../core/evidence/rdp.js';
import type { CheckOutcome } from '../runner/check-definition.js';

/** Status and one plain sentence for the negotiation check. */
export function describeNegotiation(e: RdpNegotiateEvidence): CheckOutcome {
  const where = `${e.address}:${e.port}`;
  switch (e.outcome) {
    case 'negotiated':
      return {
        status: 'pass',
        summary: `${where} is an RDP server; it selected ${e.selectedProtocolName}.`,
        evidence: e,
      };
    case 'no-negotiation-data':
      return {
        status: 'warn',
        summary: `${where} is a legacy RDP server: no negotiation data (Standard RDP Security only).`,
        evidence: e,
      };
    case 'failure':
      return {
        status: 'fail',
        summary: `${where} refused the negotiation: RDP_NEG_FAILURE ${e.failureCode} (${e.failureName}).`,
        evidence: e,
      };
    case 'not-rdp':
      return {
        status: 'fail',
        summary: `${where} is not an RDP server: it answered like ${e.reply?.description ?? 'something else'}.`,
        evidence: e,
      };
    case 'invalid-confirm':
      return { status: 'fail', summary: `${where} sent a malformed Connection Confirm: ${e.error}`, evidence: e };
    case 'closed':
      return {
        status: 'fail',
        summary: `${where} accepted the connection, then closed it without an RDP answer.`,
        evidence: e,
      };
    case 'reset':
      return {
        status: 'fail',
        summary: `${where} accepted the connection, then reset it without an RDP answer.`,
        evidence: e,
      };
    case 'no-reply':
      return {
        status: 'fail',
        summary: `${where} accepted the connection but sent no RDP answer in time.`,
        evidence: e,
      };
    case 'connect-failed':
      return { status: 'fail', summary: `Could not connect to ${where} again (${e.error}).`, evidence: e };
  }
}

/** Status and summary for the TLS certificate check. */
export function describeTls(e: RdpTlsEvidence): CheckOutcome {
  const cert = e.certificate;
  if (e.outcome === 'handshake-failed')
    return { status: 'fail', summary: `The TLS handshake failed: ${e.error}.`, evidence: e };
  if (cert === null)
    return {
      status: 'warn',
      summary: `TLS ${e.tlsVersion ?? ''} works, but ${e.error ?? 'no certificate was read'}.`,
      evidence: e,
    };
  const validity = cert.expired
    ? `expired ${cert.validTo}`
    : cert.notYetValid
      ? `not valid before ${cert.validFrom}`
      : `valid until ${cert.validTo}`;
  return {
    status: cert.expired || cert.notYetValid ? 'warn' : 'pass',
    summary: `${e.tlsVersion ?? 'TLS'} certificate CN ${cert.subjectCN ?? '(none)'}${cert.selfSigned ? ', self-signed' : `, issued by ${cert.issuerCN ?? cert.issuer}`}, ${validity}, SHA-1 ${cert.sha1}.`,
    evidence: e,
  };
}

/** Status and summary for the NTLM host identity check. */
export function describeNtlm(e: RdpNtlmEvidence): CheckOutcome {
  if (e.outcome === 'challenge' && e.identity) {
    const id = e.identity;
    const name = id.dnsComputerName ?? id.nbComputerName ?? id.targetName ?? '(unnamed)';
    return {
      status: 'pass',
      summary: `The host is ${name}${id.nbDomainName ? ` (domain ${id.nbDomainName})` : ''}${id.windowsName ? `, ${id.windowsName}` : ''}${id.version ? ` ${id.version}` : ''}.`,
      evidence: e,
    };
  }
  if (e.outcome === 'error-code')
    return {
      status: 'warn',
      summary: `CredSSP answered with error ${e.errorCode}: NTLM may be disabled.`,
      evidence: e,
    };
  return { status: 'warn', summary: `No NTLM challenge (${e.outcome}${e.error ? `: ${e.error}` : ''}).`, evidence: e };
}

/** Status and summary for the protocol sweep. */
export function describeProtocols(e: RdpProtocolsEvidence): CheckOutcome {
  const accepted = e.attempts.filter((a) => a.result === 'accepted').map((a) => a.protocol);
  const nla = e.nlaEnforced === true ? ' NLA is enforced.' : e.nlaEnforced === false ? ' NLA is not enforced.' : '';
  return {
    status: accepted.length > 0 ? 'pass' : 'warn',
    summary: `${accepted.length > 0 ? `Accepted: ${accepted.join(', ')}` : 'No security protocol was accepted on its own'}.${nla}`,
    evidence: e,
  };
}

/** Status and summary for the RDP-UDP check. */
export function describeUdp(e: UdpRdpEvidence): CheckOutcome {
  switch (e.outcome) {
    case 'confirmed':
      return { status: 'pass', summary: `RDP over UDP answers on ${e.address}:${e.port}.`, evidence: e };
    case 'refused':
      return {
        status: 'info',
        summary: `Nothing listens on UDP ${e.address}:${e.port} (port unreachable); RDP uses TCP.`,
        evidence: e,
      };
    case 'not-confirmed':
      return {
        status: 'info',
        summary: `UDP not confirmed: no answer to ${e.synsSent} RDP-UDP SYNs; RDP uses TCP.`,
        evidence: e,
      };
    case 'error':
      return { status: 'info', summary: `The RDP-UDP SYN could not be sent (${e.error}).`, evidence: e };
  }
}
