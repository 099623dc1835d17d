// Placeholder while the stack launcher is being written; replaced by the real stack boot.
export default async function globalSetup(): Promise<void> {}
