import { CaseRecordRepository } from '@docket/persistence';
import type { CaseActivities } from '@docket/activities';
import { readFileSync } from 'fs';
import { writeFile } from 'node:fs/promises';
import { Client } from '@temporalio/client';
import type { WorkflowHandle } from '@temporalio/client';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Pool } from 'pg';
import { sleep } from '@temporalio/workflow';
import { DomainError } from '@docket/domain';

export const scratch = [CaseRecordRepository, readFileSync, writeFile, Client, Injectable, DataSource, Pool, sleep, DomainError, process.env.X, Math.random()];
export type Scratch = CaseActivities | WorkflowHandle;
