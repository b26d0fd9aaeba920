pl
