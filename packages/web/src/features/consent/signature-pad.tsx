import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { Button } from '../../ui/button.tsx';

type Point = { x: number; y: number };

const WIDTH = 600;
const HEIGHT = 180;

interface SignaturePadProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** A PNG data URL of the drawing, or null when the pad is empty (or was cleared). */
  onChange: (png: string | null) => void;
}

function prepare(canvas: HTMLCanvasElement | null): CanvasRenderingContext2D | null {
  const context = canvas?.getContext('2d') ?? null;
  if (!context) return null;
  context.strokeStyle = '#1a1f24';
  context.lineWidth = 2.5;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  return context;
}

function blank(context: CanvasRenderingContext2D | null) {
  if (!context) return;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, WIDTH, HEIGHT);
}

/**
 * A canvas to sign on with a mouse, finger or stylus (pointer events), drawn as the pointer moves;
 * the result is a PNG data URL. People who cannot draw use the attested signature instead, which
 * the signing form offers beside it.
 */
export function SignaturePad({ id, label, hint, error, onChange }: SignaturePadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const last = useRef<Point | null>(null);
  const [strokeCount, setStrokeCount] = useState(0);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;

  useEffect(() => {
    blank(prepare(canvasRef.current));
  }, []);

  function pointFrom(event: PointerEvent<HTMLCanvasElement>): Point {
    const rect = event.currentTarget.getBoundingClientRect();
    const scaleX = rect.width > 0 ? WIDTH / rect.width : 1;
    const scaleY = rect.height > 0 ? HEIGHT / rect.height : 1;
    return { x: (event.clientX - rect.left) * scaleX, y: (event.clientY - rect.top) * scaleY };
  }

  function segment(from: Point, to: Point) {
    const context = prepare(canvasRef.current);
    if (!context) return;
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  }

  function finish() {
    if (!last.current) return;
    last.current = null;
    const data = canvasRef.current?.toDataURL('image/png');
    onChange(typeof data === 'string' && data.startsWith('data:image/png') ? data : null);
  }

  return (
    <div className={error ? 'field signature-field has-error' : 'field signature-field'}>
      <p className="field-label" id={`${id}-label`}>
        {label}
      </p>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <canvas
        ref={canvasRef}
        id={id}
        tabIndex={-1}
        width={WIDTH}
        height={HEIGHT}
        className="signature-pad"
        role="img"
        aria-labelledby={`${id}-label`}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        onPointerDown={(event) => {
          event.preventDefault();
          event.currentTarget.setPointerCapture?.(event.pointerId);
          const point = pointFrom(event);
          last.current = point;
          segment(point, { x: point.x + 0.5, y: point.y + 0.5 });
          setStrokeCount((count) => count + 1);
        }}
        onPointerMove={(event) => {
          if (!last.current) return;
          const point = pointFrom(event);
          segment(last.current, point);
          last.current = point;
        }}
        onPointerUp={finish}
        onPointerCancel={finish}
        onPointerLeave={finish}
      />
      <p className="signature-status" aria-live="polite">
        {strokeCount > 0 ? 'Signature drawn.' : 'Nothing drawn yet.'}
      </p>
      <Button
        size="small"
        variant="quiet"
        disabled={strokeCount === 0}
        onClick={() => {
          blank(prepare(canvasRef.current));
          setStrokeCount(0);
          onChange(null);
        }}
      >
        Clear signature
      </Button>
    </div>
  );
}
