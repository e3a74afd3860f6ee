// The work a case waits for (待办): what the inbox lists.
export * from './pending-work';
