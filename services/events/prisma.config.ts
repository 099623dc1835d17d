// Prisma CLI configuration: the same for every package with a database (infra/prisma/prisma-config.ts).
import { defineConfig } from 'prisma/config';
import { prismaConfigFor } from '../../infra/prisma/prisma-config';

export default defineConfig(prismaConfigFor(__dirname));
