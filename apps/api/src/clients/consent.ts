/**
 * The data-sharing consent a client accepts (invitation) and can revoke later. The version is stored with the time;
 * a new text gets a new version.
 */
export const CONSENT_VERSION = '2026-01';
export const CONSENT_TEXT =
  'I allow my tax preparer\'s firm to read the exchange and wallet data I upload or connect in Lotline, to prepare my ' +
  'tax reports. I can revoke this consent at any time in my workspace: the firm keeps what was already shared, but ' +
  'can no longer read data I add afterwards.';
