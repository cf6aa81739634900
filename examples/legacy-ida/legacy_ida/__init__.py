"""Legacy IDA: a small Open edX-style service in the legacy settings layout."""
