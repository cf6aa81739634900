// Types of scripts/pin-starters.mjs for the tests that import it.
export declare const REUSABLE: string;
export declare function pinText(text: string, sha: string, version: string): string;
export declare function starterFiles(root: string): string[];
