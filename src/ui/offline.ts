// Registers the service worker of vite-plugin-pwa (vite.config.ts) in built apps: once opened, the app
// loads and runs with no network. A new build's worker takes over and its cache replaces the old one. On
// the dev server the plugin's module registers nothing (its dev mode is off).

/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

export function registerOffline(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  void registerSW({ immediate: true });
}
