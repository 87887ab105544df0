/// <reference types="vite/client" />

/** The build-time settings the page reads (Vite inlines every VITE_ variable into the bundle). */
interface ImportMetaEnv {
  /**
   * StackBlitz's API key for a commercial deployment (docs/hosting.md). It is not a secret: it
   * ends up in the public bundle, and the library sends it from the browser (as the `client_id`
   * of the runtime's frame).
   */
  readonly VITE_WEBCONTAINER_API_KEY?: string;
}
