import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (its own browser download is unreachable here), and
 * the card form every hosted page shares (rest-edge/src/pages/card-form.ts), filled as a buyer would.
 */
const CHROMIUM = process.env.PAYGATE_CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function fillCard(page: Page, number: string, name = 'Ada Buyer'): Promise<void> {
  await page.getByLabel('Name on card').fill(name);
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiration (MM / YY)').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
}

export const submitCardForm = (page: Page) => page.locator('#submit').click();
