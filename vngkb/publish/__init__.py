"""Publishing: dumps with DCAT and VoID, and the Graph Store upload to a triple store."""
