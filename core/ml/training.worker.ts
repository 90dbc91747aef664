import { serveWorker } from '../workers/serve';
import { executeTraining, type TrainJobInput, type TrainJobResult, type TrainProgress } from '../training/run';

/**
 * Training off the host's event loop. Progress is posted once per boosting round; cancelling
 * terminates the worker (runWorker's abort), so nothing half-saved is left (saves are atomic).
 */
serveWorker<{ input: TrainJobInput; dataDir: string }, TrainJobResult, TrainProgress>(({ input, dataDir }, progress) =>
  executeTraining(input, dataDir, progress),
);
