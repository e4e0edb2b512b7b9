/** The Azure clouds RDP Probe can sign in to: Resource Manager endpoint, token scope and authority. */
export interface AzureCloud {
  readonly name: 'public' | 'usgov' | 'china' | 'custom';
  /** Resource Manager, e.g. `https://management.azure.com`. */
  readonly armEndpoint: string;
  /** The token scope for Resource Manager (`<audience>/.default`). */
  readonly scope: string;
  /** Microsoft Entra ID authority host for interactive and device-code sign-in. */
  readonly authorityHost: string;
  /** The portal, for links in findings. */
  readonly portal: string;
}

/** Known clouds, keyed by the name `--azure-cloud` takes. */
export const AZURE_CLOUDS = {
  public: {
    name: 'public',
    armEndpoint: 'https://management.azure.com',
    scope: 'https://management.azure.com/.default',
    authorityHost: 'https://login.microsoftonline.com',
    portal: 'https://portal.azure.com',
  },
  usgov: {
    name: 'usgov',
    armEndpoint: 'https://management.usgovcloudapi.net',
    scope: 'https://management.usgovcloudapi.net/.default',
    authorityHost: 'https://login.microsoftonline.us',
    portal: 'https://portal.azure.us',
  },
  china: {
    name: 'china',
    armEndpoint: 'https://management.chinacloudapi.cn',
    scope: 'https://management.chinacloudapi.cn/.default',
    authorityHost: 'https://login.chinacloudapi.cn',
    portal: 'https://portal.azure.cn',
  },
} as const satisfies Record<string, AzureCloud>;

/** A cloud name `--azure-cloud` accepts. */
export type AzureCloudName = keyof typeof AZURE_CLOUDS;

/** Whether a string names a known cloud. */
export function isAzureCloudName(value: string): value is AzureCloudName {
  return Object.hasOwn(AZURE_CLOUDS, value);
}

/**
 * A cloud whose Resource Manager lives elsewhere (Azure Stack Hub, or a local emulator in tests): the token
 * is still asked for the named cloud's audience, because that is what a sign-in can grant.
 */
export function withArmEndpoint(cloud: AzureCloud, armEndpoint: string): AzureCloud {
  return { ...cloud, name: 'custom', armEndpoint: armEndpoint.replace(/\/+$/, '') };
}
