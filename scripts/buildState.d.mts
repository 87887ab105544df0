export function whyBuild(root: string): string | undefined;
