"""The conformance harness: catalog of cases, runners, comparison, report and CLI."""
