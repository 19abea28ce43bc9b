// Registers the service worker of vite-plugin-pwa (vite.config.ts) in built apps: once opened, the app
// loads and runs with no network. A new build's worker takes over and its cache replaces the old one.

/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

export function registerOffline(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  void registerSW({ immediate: true });
}
