/** The inventory file every command reads when none is named. */
export const DEFAULT_INVENTORY = "inventory.yaml";
