/**
 * The context lines that start every text the exchange signs (package.ts). Kept in a file of their
 * own, with no imports, so the IPC contract can check signing requests without pulling the whole
 * exchange code into the preload bundle.
 */

/** The `format` of every exchange package. */
export const EXCHANGE_FORMAT = 'scenario-atlas-exchange';
/** The format version this build writes and reads; a newer one is refused with a request to upgrade. */
export const EXCHANGE_FORMAT_VERSION = 1;

/** Starts the signed text of a whole package. */
export const CONTEXT_PACKAGE = `${EXCHANGE_FORMAT}/package/${EXCHANGE_FORMAT_VERSION}\n`;
/** Starts the signed text of an owner's attestation. */
export const CONTEXT_ATTESTATION = `${EXCHANGE_FORMAT}/attestation/${EXCHANGE_FORMAT_VERSION}\n`;

/**
 * The context lines every text this app signs starts with: the signer (main, in Electron) signs
 * nothing else, so a compromised page cannot get the unit's key to sign arbitrary statements.
 */
export const SIGNED_TEXT_CONTEXTS: readonly string[] = [CONTEXT_PACKAGE, CONTEXT_ATTESTATION];
