// The safety feature's front door: what other features and the app shell may import from it (decision 0017).
// The person page shows the prescribing-safety panel.
export { SafetyPanel } from './safety-panel.tsx';
