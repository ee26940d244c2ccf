import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

/**
 * Headless Chromium from the npm package itself (@sparticuz/chromium unpacks its compressed build
 * into a temporary directory), so `npm ci` is all a machine needs: no browser download, no root.
 */
export async function launchChromium(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args,
    headless: true,
  });
}
