// The text tests' view of test/fixtures (see test/helpers/fixtures.ts).

export {
  CORPUS_DIR,
  corpusFiles,
  REPO_ROOT,
  readCorpus,
  readSeedFixture as readFixture,
  SEED_DIR as FIXTURES_DIR,
} from '../helpers/fixtures.ts';
