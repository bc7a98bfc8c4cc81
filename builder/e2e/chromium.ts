/**
 * How the browser tests and the builder benchmark launch Debian's Chromium (never a downloaded one),
 * with the flags that keep it quiet as root on a closed network.
 */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
