// Tests build their own proxies; a proxy configured on the machine running them (HTTP_PROXY and friends)
// must not add paths to their probes, nor send their traffic anywhere but the test's own peers.
for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'FTP_PROXY']) {
  delete process.env[name];
  delete process.env[name.toLowerCase()];
}
