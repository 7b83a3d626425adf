export * from "./auth";
export * from "./workspaces";
export * from "./api-tokens";
export * from "./sources";
export * from "./models";
export * from "./destinations";
export * from "./tasks";
export * from "./constants";
