"""Jobs: what runs over many calls and writes the lake, under its lease.

- `ingest`: the scheduled ingestion job (`run_job`) and its library form (`run_ingest`);
- `report`: the run report it prints and stores;
- `engines`: where the per-call pipeline runs (this process, worker processes, a Dask cluster);
- `reprocess`: bring stored calls up to the current recognizers, model and config;
- `quarantine`: list, retry and drop quarantined input (a retry re-runs the pipeline);
- `status`: what an operator needs to know about the lake and the job.

The pipeline (`redactor.pipeline`) turns one record into one result; a job decides what to read,
commits results and keeps the ledger. Submodules are imported on their own: importing this
package loads no model.
"""
