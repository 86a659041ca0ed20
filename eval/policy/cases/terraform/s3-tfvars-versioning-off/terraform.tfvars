environment       = "staging"
enable_versioning = false
