// Types of scripts/release.mjs for the tests that import it.
export declare const RELEASE_FILE: string;
export declare function tagVersion(tag: string): string;
export declare function majorTag(version: string): string;
export declare function isNewest(version: string, versions: string[], sameMajor?: boolean): boolean;
export declare function npmDistTag(version: string, versions: string[]): string;
