// Types of scripts/pin-starters.mjs for the tests that import it.
export declare const REUSABLE: string;
export declare function pinText(text: string, sha: string, version: string): string;
export declare function pinnedFiles(root: string): string[];
export declare const starterFiles: typeof pinnedFiles;
export declare function pinFiles(root: string, sha: string, version: string): string[];
export declare function versionFor(sha: string, cwd?: string): string;
export declare function badVersion(version: string, cwd?: string): string | undefined;
