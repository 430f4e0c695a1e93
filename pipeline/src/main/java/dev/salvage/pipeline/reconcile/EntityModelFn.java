package dev.salvage.pipeline.reconcile;

import dev.salvage.mappings.EntityModel;
import dev.salvage.mappings.MappingException;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * A DoFn that needs the entity model: it travels as YAML text in {@link MergeSettings} and is
 * parsed once per worker, with the merger built on it.
 */
public abstract class EntityModelFn<I, O> extends DoFn<I, O> {
  private final MergeSettings settings;
  private transient EntityModel model;
  private transient EntityMerger merger;

  protected EntityModelFn(MergeSettings settings) {
    this.settings = settings;
  }

  @Setup
  public void parseModel() throws MappingException {
    model = EntityModel.parse(settings.entityModelYaml(), settings.entityModelLabel());
    merger = new EntityMerger(model, settings);
  }

  protected final MergeSettings settings() {
    return settings;
  }

  protected final EntityModel model() {
    return model;
  }

  protected final EntityMerger merger() {
    return merger;
  }
}
