"""Script tools shared by every stage: offsets, normalisation, scripts, segmentation."""
