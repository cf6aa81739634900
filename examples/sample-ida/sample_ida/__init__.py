"""Sample IDA: a small Open edX-style service laid out the way OEP-45 asks."""
