export * from './agency-policy';
