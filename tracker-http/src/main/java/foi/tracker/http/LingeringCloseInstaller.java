package foi.tracker.http;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Puts a {@link LingeringClose} first in every connection's pipeline of the service's HTTP server.
 *
 * <p>While lingering, the server reads and throws away at most the largest body it accepts plus
 * room for headers, waits at most {@link #IDLE} for the next bytes and {@link #TOTAL} in all: a
 * client sending a body the server accepts always receives its answer; a client sending more, or
 * nothing, is cut off.
 */
@Singleton
final class LingeringCloseInstaller
    implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
  static final Duration IDLE = Duration.ofSeconds(2);
  static final Duration TOTAL = Duration.ofSeconds(30);
  static final String HANDLER_NAME = "foi-lingering-close";
  private static final long HEADER_ROOM = 64 * 1024;

  private final long maxBytes;

  LingeringCloseInstaller(
      @Property(name = "micronaut.server.max-request-size", defaultValue = "10485760")
          final long maxRequestSize) {
    this.maxBytes = maxRequestSize + HEADER_ROOM;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      final BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(new PerConnection(null, maxBytes));
    return event.getBean();
  }

  /** The customizer Micronaut specialises for each channel; only a connection gets the handler. */
  private record PerConnection(Channel channel, long maxBytes) implements NettyServerCustomizer {
    @Override
    public NettyServerCustomizer specializeForChannel(final Channel ch, final ChannelRole role) {
      return role == ChannelRole.CONNECTION ? new PerConnection(ch, maxBytes) : this;
    }

    @Override
    public void onInitialPipelineBuilt() {
      if (channel != null && channel.pipeline().get(HANDLER_NAME) == null) {
        channel.pipeline().addFirst(HANDLER_NAME, new LingeringClose(maxBytes, IDLE, TOTAL));
      }
    }
  }
}
