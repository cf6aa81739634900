// Types of scripts/release-changelog.mjs for the tests that import it.
export declare function compareVersions(a: string, b: string): number;
export declare function isVersion(text: string): boolean;
export declare function isPrerelease(version: string): boolean;
export declare function sections(text: string): { lines: string[]; sections: { name: string; rest: string; start: number; end: number }[]; linksFrom: number };
export declare function releaseNotes(text: string, version: string): string;
export declare function releasedVersions(text: string): string[];
export declare function prepareRelease(text: string, version: string, date: string): string;
export declare function addUnreleased(text: string, heading: string, line: string): string;
